// Quantiles of query durations in bounded memory: a DDSketch-style histogram with logarithmic buckets whose
// bounds grow by γ = 1.02, so any quantile is reported within ±1% of a duration that really occurred
// (relative error), whatever the number of executions. Buckets are kept only between the smallest and the
// largest one used (a few hundred counters for durations spanning several decades), and sketches of the
// same query from several threads merge exactly.
#pragma once

#include <cstdint>
#include <vector>

namespace dbarch::analyzers::logs {

class DurationSketch {
 public:
  void Add(double ms);
  void Merge(const DurationSketch& other);
  // q in [0, 1]; 0 when empty.
  double Quantile(double q) const;
  int64_t count() const { return count_ + zeros_; }

 private:
  static int BucketOf(double ms);
  static double ValueOf(int bucket);

  int first_ = 0;                 // bucket index of counts_[0]
  std::vector<uint32_t> counts_;  // counts_[i] counts durations in bucket first_ + i
  int64_t count_ = 0;             // durations > 0 (in buckets)
  int64_t zeros_ = 0;             // durations of 0 ms (and below the smallest bucket)
};

}  // namespace dbarch::analyzers::logs
