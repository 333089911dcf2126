// The Zipf sampler's frequencies follow 1/k^s, stay within [1, n] and repeat for a seed; the affine
// permutation is a bijection.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "verify/datagen/random.h"
#include "verify/datagen/zipf.h"

namespace dbarch::verify::datagen {
namespace {

std::vector<double> Frequencies(uint64_t n, double s, int samples, uint64_t seed) {
  ZipfSampler zipf(n, s);
  Rng rng(seed);
  std::vector<double> counts(n + 1, 0);
  for (int i = 0; i < samples; ++i) {
    const uint64_t k = zipf.Sample(rng);
    EXPECT_GE(k, 1u);
    EXPECT_LE(k, n);
    counts[k] += 1;
  }
  for (auto& c : counts) c /= samples;
  return counts;
}

TEST(DatagenZipfTest, FrequenciesFollowThePowerLaw) {
  for (double s : {0.5, 0.8, 1.0, 1.5}) {
    const uint64_t n = 50;
    const auto observed = Frequencies(n, s, 400000, 42);
    ZipfSampler zipf(n, s);
    for (uint64_t k : {1, 2, 5, 10, 50}) {
      const double expected = zipf.Probability(k);
      EXPECT_NEAR(observed[k], expected, 0.01 + expected * 0.05) << "s=" << s << " k=" << k;
    }
  }
}

TEST(DatagenZipfTest, RankOneIsTheMostFrequentAndSkewGrowsWithTheExponent) {
  const auto mild = Frequencies(1000, 0.5, 100000, 1);
  const auto steep = Frequencies(1000, 1.2, 100000, 1);
  EXPECT_GT(mild[1], mild[100]);
  EXPECT_GT(steep[1], mild[1] * 5);
}

TEST(DatagenZipfTest, HugeDomainsAndZeroExponent) {
  ZipfSampler huge(uint64_t{1} << 40, 0.9);
  Rng rng(3);
  for (int i = 0; i < 10000; ++i) {
    const uint64_t k = huge.Sample(rng);
    ASSERT_GE(k, 1u);
    ASSERT_LE(k, uint64_t{1} << 40);
  }
  const auto uniform = Frequencies(10, 0, 100000, 9);
  for (uint64_t k = 1; k <= 10; ++k) EXPECT_NEAR(uniform[k], 0.1, 0.01);
  EXPECT_EQ(ZipfSampler(1, 1.0).Sample(rng), 1u);
}

TEST(DatagenZipfTest, SameSeedSameSequence) {
  ZipfSampler zipf(1000, 0.8);
  Rng a(Rng(77, 5)), b(Rng(77, 5)), c(Rng(77, 6));
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = zipf.Sample(a);
    EXPECT_EQ(x, zipf.Sample(b));
    differs |= x != zipf.Sample(c);
  }
  EXPECT_TRUE(differs);
}

TEST(DatagenZipfTest, AffinePermutationIsABijection) {
  for (uint64_t n : {1, 2, 3, 10, 97, 1000, 4096}) {
    AffinePermutation permutation(n, n * 31 + 7);
    std::set<uint64_t> seen;
    for (uint64_t k = 0; k < n; ++k) {
      const uint64_t v = permutation(k);
      ASSERT_LT(v, n);
      seen.insert(v);
    }
    EXPECT_EQ(seen.size(), n);
  }
}

}  // namespace
}  // namespace dbarch::verify::datagen
