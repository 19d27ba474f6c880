# Mistake: a plain reshape mixes rows of neighbouring patches into one token.
# Diagnosis: order_differs
def patchify(images, patch):
    n, h, w, c = images.shape
    return images.reshape(n, (h // patch) * (w // patch), patch * patch * c)
