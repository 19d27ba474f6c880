# Mistake: nearest neighbour instead of bilinear.
import numpy as np


def resize_bilinear(image, out_h, out_w):
    h, w = image.shape[:2]
    ys = np.minimum(((np.arange(out_h) + 0.5) * h / out_h).astype(int), h - 1)
    xs = np.minimum(((np.arange(out_w) + 0.5) * w / out_w).astype(int), w - 1)
    return image[ys][:, xs].astype(np.float32)
