import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    # kl_div's xlogy convention makes terms with a teacher probability of exactly 0 vanish.
    soft = F.kl_div(
        F.log_softmax(student_logits / T, dim=1),
        F.softmax(teacher_logits / T, dim=1),
        reduction="batchmean",
    )
    hard = F.cross_entropy(student_logits, labels)
    return alpha * T * T * soft + (1 - alpha) * hard
