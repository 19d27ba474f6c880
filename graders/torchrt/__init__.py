"""The PyTorch runtime: problems graded on outputs and input gradients of torch functions.

Only ``spec`` is imported by package loading; everything that imports torch is imported when a
torch problem is actually prepared or graded, so numpy-only grading never pays for torch.
"""
