# Mistake: the mean grey level, a common stand-in for Otsu.
import numpy as np


def otsu_threshold(image):
    return int(image.mean())
