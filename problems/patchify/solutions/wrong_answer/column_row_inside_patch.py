# Mistake: flattens each patch column by column ((col, row, channel) order).
# Diagnosis: order_differs
def patchify(images, patch):
    n, h, w, c = images.shape
    grid = images.reshape(n, h // patch, patch, w // patch, patch, c)
    return grid.transpose(0, 1, 3, 4, 2, 5).reshape(n, -1, patch * patch * c)
