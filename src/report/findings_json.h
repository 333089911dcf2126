// Findings as a JSON array (`dbarch lint --format json`): one object per finding, keys in alphabetical order,
// indented by two (the layout of nlohmann's dump(2)), written directly rather than through a json value — a
// large corpus has hundreds of thousands of findings and hundreds of megabytes of JSON.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dbarch/finding.h"

namespace dbarch::report {

// The array in pieces, made a chunk of findings at a time (for cli's WriteOutput), so that it is never held
// whole. A helper thread renders every other chunk ahead of the caller, each into one of two buffers that it
// reuses once the caller has moved past it. The findings must outlive the object.
class FindingsJson {
 public:
  explicit FindingsJson(const Findings& findings, std::size_t findings_per_chunk = 4096);
  // The findings pointed to, in this order (e.g. Linter::Finish's order, without moving them into it).
  explicit FindingsJson(std::vector<const Finding*> findings, std::size_t findings_per_chunk = 4096);
  ~FindingsJson();
  FindingsJson(const FindingsJson&) = delete;
  FindingsJson& operator=(const FindingsJson&) = delete;

  // "[\n", the chunks in order, "]\n" ("[]\n" when there are no findings); then nothing. A piece stays valid
  // until the next call.
  std::optional<std::string_view> Next();

 private:
  void Render(std::size_t chunk, std::string& out) const;
  void RenderOddChunks();

  const std::vector<const Finding*> findings_;
  const std::size_t per_chunk_;
  const std::size_t chunks_;
  std::size_t next_piece_ = 0;
  std::string own_buffer_;
  std::string helper_buffers_[2];
  std::thread helper_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t consumed_ = 0;  // chunks before this one have been handed out and are written
  long rendered_ = -1;        // the helper's latest finished chunk
  bool stopping_ = false;
};

// The whole array in one string (small outputs and tests).
std::string FindingsJsonText(const Findings& findings);

}  // namespace dbarch::report
