// AttributeSet: a set of column positions as a fixed 128-bit bitset — the currency of dependency discovery
// (left-hand sides, agree sets, keys). Fixed width keeps sets in registers and hashable; tables wider than
// kMaxAttributes columns are refused with a message (see table_data.h).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dbarch::analyzers::normalize {

class AttributeSet {
 public:
  static constexpr int kMaxAttributes = 128;

  AttributeSet() = default;
  static AttributeSet Of(std::initializer_list<int> attributes) {
    AttributeSet s;
    for (int a : attributes) s.Set(a);
    return s;
  }
  // {0, …, n-1}
  static AttributeSet FirstN(int n) {
    AttributeSet s;
    for (int a = 0; a < n; ++a) s.Set(a);
    return s;
  }

  void Set(int a) { w_[a >> 6] |= uint64_t{1} << (a & 63); }
  void Reset(int a) { w_[a >> 6] &= ~(uint64_t{1} << (a & 63)); }
  bool Test(int a) const { return (w_[a >> 6] >> (a & 63)) & 1; }
  int Count() const { return std::popcount(w_[0]) + std::popcount(w_[1]); }
  bool Empty() const { return (w_[0] | w_[1]) == 0; }
  bool IsSubsetOf(const AttributeSet& o) const { return (w_[0] & ~o.w_[0]) == 0 && (w_[1] & ~o.w_[1]) == 0; }
  bool Intersects(const AttributeSet& o) const { return ((w_[0] & o.w_[0]) | (w_[1] & o.w_[1])) != 0; }

  // Smallest member ≥ from, or -1.
  int Next(int from) const {
    if (from >= kMaxAttributes) return -1;
    int word = from >> 6;
    uint64_t bits = w_[word] & (~uint64_t{0} << (from & 63));
    while (true) {
      if (bits) return (word << 6) + std::countr_zero(bits);
      if (++word == 2) return -1;
      bits = w_[word];
    }
  }
  int First() const { return Next(0); }
  std::vector<int> Members() const {
    std::vector<int> out;
    for (int a = First(); a >= 0; a = Next(a + 1)) out.push_back(a);
    return out;
  }

  AttributeSet operator|(const AttributeSet& o) const { return {w_[0] | o.w_[0], w_[1] | o.w_[1]}; }
  AttributeSet operator&(const AttributeSet& o) const { return {w_[0] & o.w_[0], w_[1] & o.w_[1]}; }
  // Set difference.
  AttributeSet operator-(const AttributeSet& o) const { return {w_[0] & ~o.w_[0], w_[1] & ~o.w_[1]}; }
  AttributeSet& operator|=(const AttributeSet& o) { return *this = *this | o; }
  AttributeSet& operator&=(const AttributeSet& o) { return *this = *this & o; }
  AttributeSet& operator-=(const AttributeSet& o) { return *this = *this - o; }
  friend bool operator==(const AttributeSet&, const AttributeSet&) = default;
  // An order for deterministic output: fewer attributes first, then by members.
  friend bool operator<(const AttributeSet& a, const AttributeSet& b) {
    int ca = a.Count(), cb = b.Count();
    if (ca != cb) return ca < cb;
    // Same size: the first differing member decides, the set holding the smaller one first.
    AttributeSet diff = (a - b) | (b - a);
    int first = diff.First();
    return first >= 0 && a.Test(first);
  }

  size_t Hash() const { return std::hash<uint64_t>()(w_[0] * 0x9E3779B97F4A7C15ULL ^ (w_[1] + 0x632BE59BD9B4E019ULL)); }

 private:
  AttributeSet(uint64_t a, uint64_t b) : w_{a, b} {}
  uint64_t w_[2] = {0, 0};
};

struct AttributeSetHash {
  size_t operator()(const AttributeSet& s) const { return s.Hash(); }
};

}  // namespace dbarch::analyzers::normalize
