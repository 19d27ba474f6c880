# Correct, but walks the pixels in Python.
import numpy as np


def rle_encode(mask):
    runs = []
    current, length = 0, 0
    for value in mask.ravel(order="F").tolist():
        if value == current:
            length += 1
        else:
            runs.append(length)
            current, length = value, 1
    runs.append(length)
    return runs
