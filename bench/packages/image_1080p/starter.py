def image_1080p(image):
    raise NotImplementedError
