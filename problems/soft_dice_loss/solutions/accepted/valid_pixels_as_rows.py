# Gathers the valid pixels as rows (M, C) first, so ignored pixels never enter a sum; the one-hot
# is a comparison with arange(C). With no valid pixel, M = 0 and every sum is an empty sum.
import torch


def soft_dice_loss(logits, targets, eps, ignore_index):
    num_classes = logits.shape[1]
    rows = logits.permute(0, 2, 3, 1).reshape(-1, num_classes)
    labels = targets.reshape(-1)
    keep = labels != ignore_index
    probs = torch.softmax(rows[keep], dim=1)
    onehot = (labels[keep][:, None] == torch.arange(num_classes)).to(probs.dtype)
    intersection = (probs * onehot).sum(0)
    denominator = probs.sum(0) + onehot.sum(0)
    empty = denominator == 0
    dice = (2 * intersection + eps) / torch.where(empty, 1.0, denominator + eps)
    dice = torch.where(empty, 1.0, dice)
    return 1 - dice.mean()
