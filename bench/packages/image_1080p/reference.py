def image_1080p(image):
    return 255 - image
