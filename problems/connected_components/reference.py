import cv2
import numpy as np


def connected_components(mask, connectivity):
    count, labels = cv2.connectedComponents(
        np.asarray(mask, dtype=np.uint8), connectivity=int(connectivity), ltype=cv2.CV_32S
    )
    return int(count) - 1, labels.astype(np.int32)
