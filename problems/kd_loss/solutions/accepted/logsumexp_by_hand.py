# No library losses: log-softmax as x - logsumexp(x), the KL as a masked sum so that a teacher
# probability of exactly 0 contributes exactly 0, the CE by gathering the label's log-probability.
import torch


def log_softmax(x):
    peak = x.max(dim=1, keepdim=True).values
    shifted = x - peak
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    n = student_logits.shape[0]
    log_ps = log_softmax(student_logits / T)
    log_pt = log_softmax(teacher_logits / T)
    p_t = log_pt.exp()
    terms = torch.where(p_t > 0, p_t * (log_pt - log_ps), torch.zeros_like(p_t))
    kl = terms.sum() / n
    log_q = log_softmax(student_logits)
    ce = -log_q.gather(1, labels[:, None]).sum() / n
    return alpha * T * T * kl + (1 - alpha) * ce
