# Correct, but walks the pixels in Python, indexing the array one pixel at a time.
def rle_encode(mask):
    height, width = mask.shape
    runs = []
    current, length = False, 0
    for x in range(width):
        for y in range(height):
            value = bool(mask[y, x])
            if value == current:
                length += 1
            else:
                runs.append(length)
                current, length = value, 1
    runs.append(length)
    return runs
