// Deterministic randomness for the data generator. Every value is a pure function of (seed, table, column,
// row): a row can be regenerated at any time (to fill a cycle-breaking FK later, to compute a parent's key
// for a child row) and chunks can be generated in any order, with the same result for the same seed.
#pragma once

#include <cstdint>
#include <string_view>

namespace dbarch::verify::datagen {

// SplitMix64's finalizer: a bijection on 64-bit integers that mixes every input bit into every output bit.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

inline uint64_t HashCombine(uint64_t a, uint64_t b) { return Mix64(a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6))); }

// FNV-1a, to turn names into stream identifiers (stable across runs and platforms, unlike std::hash).
inline uint64_t HashName(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

// A small, fast generator (SplitMix64 stream), seeded per (stream, row).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  Rng(uint64_t stream, uint64_t row) : state_(HashCombine(stream, row)) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return Mix64(state_);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n); n > 0. Lemire's multiply-shift (the tiny bias is irrelevant here).
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  bool Chance(double p) { return p > 0 && Uniform() < p; }

 private:
  uint64_t state_;
};

// A bijection of [0, n) onto itself: k → (a·k + b) mod n with gcd(a, n) = 1. Used to scatter unique values
// and to make "hot" Zipf ranks land on arbitrary parents instead of the first ones.
class AffinePermutation {
 public:
  AffinePermutation() = default;
  AffinePermutation(uint64_t n, uint64_t seed) : n_(n == 0 ? 1 : n) {
    Rng rng(seed);
    b_ = rng.Below(n_);
    a_ = n_ <= 2 ? 1 : (rng.Below(n_ - 1) + 1);
    while (Gcd(a_, n_) != 1) a_ = a_ + 1 >= n_ ? 1 : a_ + 1;
  }
  uint64_t operator()(uint64_t k) const {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(a_) * (k % n_) + b_) % n_);
  }
  uint64_t size() const { return n_; }

 private:
  static uint64_t Gcd(uint64_t a, uint64_t b) {
    while (b != 0) {
      uint64_t t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
  uint64_t n_ = 1, a_ = 1, b_ = 0;
};

}  // namespace dbarch::verify::datagen
