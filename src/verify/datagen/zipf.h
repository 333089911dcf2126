// Zipf-distributed ranks: rank k in [1, n] is drawn with probability proportional to 1/k^s. Real data is
// skewed this way (a few customers place most orders, a few products sell most), and plans change with the
// skew, so foreign keys and repeated values are drawn from it.
//
// Rejection-inversion sampling (W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates from
// monotone discrete distributions", 1996): O(1) per sample for any n and any s > 0, no tables.
#pragma once

#include <cstdint>

#include "verify/datagen/random.h"

namespace dbarch::verify::datagen {

class ZipfSampler {
 public:
  ZipfSampler() = default;
  // n ≥ 1 values, exponent s > 0 (s = 0 is treated as uniform).
  ZipfSampler(uint64_t n, double s);

  // A rank in [1, n]; rank 1 is the most frequent.
  uint64_t Sample(Rng& rng) const;

  uint64_t n() const { return n_; }
  double exponent() const { return s_; }
  // Probability of rank k under this distribution (exact normalisation by summation; for tests and tuning,
  // O(n)).
  double Probability(uint64_t k) const;

 private:
  double H(double x) const;
  double HIntegral(double x) const;
  double HIntegralInverse(double x) const;

  uint64_t n_ = 1;
  double s_ = 1;
  double h_integral_x1_ = 0;
  double h_integral_n_ = 0;
  double threshold_ = 0;
};

}  // namespace dbarch::verify::datagen
