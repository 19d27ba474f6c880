import torch
import torch.nn.functional as F


def soft_dice_loss(logits, targets, eps, ignore_index):
    num_classes = logits.shape[1]
    probs = F.softmax(logits, dim=1)
    valid = targets != ignore_index
    # one_hot refuses labels outside [0, C): ignored pixels get class 0, then the mask zeroes them.
    labels = torch.where(valid, targets, torch.zeros_like(targets))
    mask = valid.unsqueeze(1).to(probs.dtype)
    onehot = F.one_hot(labels, num_classes).permute(0, 3, 1, 2).to(probs.dtype) * mask
    probs = probs * mask
    dims = (0, 2, 3)  # one dice per class over the whole batch
    intersection = (probs * onehot).sum(dims)
    denominator = probs.sum(dims) + onehot.sum(dims)
    empty = denominator == 0
    # Guard the denominator itself: a where() over an unguarded 0/0 still sends NaN backwards.
    safe = torch.where(empty, torch.ones_like(denominator), denominator + eps)
    dice = torch.where(empty, torch.ones_like(denominator), (2 * intersection + eps) / safe)
    return 1 - dice.mean()
