# Mistake: masks the one-hot targets but not the probabilities, so ignored pixels still add
# their probability mass to P_c.
import torch
import torch.nn.functional as F


def soft_dice_loss(logits, targets, eps, ignore_index):
    num_classes = logits.shape[1]
    probs = F.softmax(logits, dim=1)
    valid = targets != ignore_index
    labels = torch.where(valid, targets, torch.zeros_like(targets))
    onehot = F.one_hot(labels, num_classes).permute(0, 3, 1, 2).float() * valid.unsqueeze(1)
    intersection = (probs * onehot).sum((0, 2, 3))
    denominator = probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3))
    empty = denominator == 0
    safe = torch.where(empty, torch.ones_like(denominator), denominator + eps)
    dice = torch.where(empty, torch.ones_like(denominator), (2 * intersection + eps) / safe)
    return 1 - dice.mean()
