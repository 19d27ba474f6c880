from torch.nn.utils.fusion import fuse_conv_bn_weights


def fold_batchnorm(conv_weight, conv_bias, bn_weight, bn_bias, running_mean, running_var, eps):
    # The library returns nn.Parameters; the expected outputs are plain float32 tensors.
    weight, bias = fuse_conv_bn_weights(
        conv_weight, conv_bias, running_mean, running_var, eps, bn_weight, bn_bias
    )
    return weight.detach().clone(), bias.detach().clone()
