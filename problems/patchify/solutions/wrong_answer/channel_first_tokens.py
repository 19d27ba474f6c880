# Mistake: flattens each patch in (channel, row, col) order, as a channels-first model would.
# Diagnosis: order_differs
def patchify(images, patch):
    n, h, w, c = images.shape
    grid = images.reshape(n, h // patch, patch, w // patch, patch, c)
    return grid.transpose(0, 1, 3, 5, 2, 4).reshape(n, -1, patch * patch * c)
