# Mistake: per-class sigmoid probabilities (the binary-Dice habit) instead of a softmax over C.
import torch
import torch.nn.functional as F


def soft_dice_loss(logits, targets, eps, ignore_index):
    num_classes = logits.shape[1]
    probs = torch.sigmoid(logits)
    valid = targets != ignore_index
    labels = torch.where(valid, targets, torch.zeros_like(targets))
    mask = valid.unsqueeze(1).float()
    onehot = F.one_hot(labels, num_classes).permute(0, 3, 1, 2).float() * mask
    probs = probs * mask
    intersection = (probs * onehot).sum((0, 2, 3))
    denominator = probs.sum((0, 2, 3)) + onehot.sum((0, 2, 3))
    empty = denominator == 0
    safe = torch.where(empty, torch.ones_like(denominator), denominator + eps)
    dice = torch.where(empty, torch.ones_like(denominator), (2 * intersection + eps) / safe)
    return 1 - dice.mean()
