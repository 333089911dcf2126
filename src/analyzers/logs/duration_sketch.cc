#include "analyzers/logs/duration_sketch.h"

#include <algorithm>
#include <cmath>

namespace dbarch::analyzers::logs {
namespace {

constexpr double kGamma = 1.02;
const double kLogGamma = std::log(kGamma);
constexpr double kSmallest = 1e-4;  // 0.1 µs: below it a duration counts as zero

}  // namespace

int DurationSketch::BucketOf(double ms) { return static_cast<int>(std::ceil(std::log(ms / kSmallest) / kLogGamma)); }

// The middle of the bucket (γ^(i-1), γ^i] in relative terms: at most 1% away from any value in it.
double DurationSketch::ValueOf(int bucket) {
  return kSmallest * 2.0 * std::pow(kGamma, bucket) / (kGamma + 1.0);
}

void DurationSketch::Add(double ms) {
  if (!(ms > kSmallest)) {
    ++zeros_;
    return;
  }
  const int bucket = BucketOf(ms);
  if (counts_.empty()) {
    first_ = bucket;
    counts_.assign(1, 0);
  } else if (bucket < first_) {
    counts_.insert(counts_.begin(), static_cast<size_t>(first_ - bucket), 0);
    first_ = bucket;
  } else if (bucket >= first_ + static_cast<int>(counts_.size())) {
    counts_.resize(static_cast<size_t>(bucket - first_ + 1), 0);
  }
  ++counts_[static_cast<size_t>(bucket - first_)];
  ++count_;
}

void DurationSketch::Merge(const DurationSketch& other) {
  zeros_ += other.zeros_;
  if (other.counts_.empty()) return;
  if (counts_.empty()) {
    first_ = other.first_;
    counts_ = other.counts_;
    count_ = other.count_;
    return;
  }
  const int lo = std::min(first_, other.first_);
  const int hi = std::max(first_ + static_cast<int>(counts_.size()), other.first_ + static_cast<int>(other.counts_.size()));
  std::vector<uint32_t> merged(static_cast<size_t>(hi - lo), 0);
  for (size_t i = 0; i < counts_.size(); ++i) merged[static_cast<size_t>(first_ - lo) + i] += counts_[i];
  for (size_t i = 0; i < other.counts_.size(); ++i) merged[static_cast<size_t>(other.first_ - lo) + i] += other.counts_[i];
  counts_ = std::move(merged);
  first_ = lo;
  count_ += other.count_;
}

double DurationSketch::Quantile(double q) const {
  const int64_t total = count();
  if (total == 0) return 0;
  // The rank of the q-quantile among all values, 0-based (nearest rank).
  const int64_t rank = std::clamp<int64_t>(static_cast<int64_t>(std::ceil(q * static_cast<double>(total))) - 1, 0, total - 1);
  if (rank < zeros_) return 0;
  int64_t seen = zeros_;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen > rank) return ValueOf(first_ + static_cast<int>(i));
  }
  return ValueOf(first_ + static_cast<int>(counts_.size()) - 1);
}

}  // namespace dbarch::analyzers::logs
