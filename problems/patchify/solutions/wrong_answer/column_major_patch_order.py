# Mistake: numbers the patches column by column (transposes the grid axes).
# Diagnosis: order_differs
def patchify(images, patch):
    n, h, w, c = images.shape
    grid = images.reshape(n, h // patch, patch, w // patch, patch, c)
    return grid.transpose(0, 3, 1, 2, 4, 5).reshape(n, -1, patch * patch * c)
