#include "verify/datagen/zipf.h"

#include <algorithm>
#include <cmath>

namespace dbarch::verify::datagen {
namespace {

// log1p(x)/x and expm1(x)/x, with their series near 0 where the quotient loses precision.
double Helper1(double x) {
  return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}
double Helper2(double x) {
  return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
}

}  // namespace

ZipfSampler::ZipfSampler(uint64_t n, double s) : n_(std::max<uint64_t>(n, 1)), s_(s) {
  h_integral_x1_ = HIntegral(1.5) - 1;
  h_integral_n_ = HIntegral(static_cast<double>(n_) + 0.5);
  threshold_ = 2 - HIntegralInverse(HIntegral(2.5) - H(2));
}

double ZipfSampler::H(double x) const { return std::exp(-s_ * std::log(x)); }

// Integral of H from 1 to x: (x^(1-s) - 1) / (1 - s), continuous at s = 1 (log x).
double ZipfSampler::HIntegral(double x) const {
  const double log_x = std::log(x);
  return Helper2((1 - s_) * log_x) * log_x;
}

double ZipfSampler::HIntegralInverse(double x) const {
  double t = x * (1 - s_);
  if (t < -1) t = -1;  // rounding can push it just below the domain
  return std::exp(Helper1(t) * x);
}

uint64_t ZipfSampler::Sample(Rng& rng) const {
  if (n_ == 1) return 1;
  if (s_ <= 0) return rng.Below(n_) + 1;
  while (true) {
    const double u = h_integral_n_ + rng.Uniform() * (h_integral_x1_ - h_integral_n_);
    const double x = HIntegralInverse(u);
    double k = std::floor(x + 0.5);
    if (k < 1) k = 1;
    if (k > static_cast<double>(n_)) k = static_cast<double>(n_);
    if (k - x <= threshold_ || u >= HIntegral(k + 0.5) - H(k)) return static_cast<uint64_t>(k);
  }
}

double ZipfSampler::Probability(uint64_t k) const {
  if (k < 1 || k > n_) return 0;
  double total = 0;
  for (uint64_t i = 1; i <= n_; ++i) total += s_ <= 0 ? 1 : std::pow(static_cast<double>(i), -s_);
  return (s_ <= 0 ? 1 : std::pow(static_cast<double>(k), -s_)) / total;
}

}  // namespace dbarch::verify::datagen
