import torch


def torch_trivial(x, y):
    return torch.zeros_like(x)
