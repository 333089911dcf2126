#include "sources/workload/comment_directives.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace dbarch::sources::workload {
namespace {

std::string Trim(const std::string& s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A non-negative decimal number ("200", "12.5", "1e3"), with nothing else after it.
std::optional<double> ParseWeight(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
  return value;
}

}  // namespace

CommentDirectives ParseCommentDirectives(const std::vector<std::string>& leading_comments) {
  CommentDirectives out;
  for (const auto& comment : leading_comments) {
    auto colon = comment.find(':');
    if (colon == std::string::npos) continue;
    std::string key = Lower(Trim(comment.substr(0, colon)));
    std::string value = Trim(comment.substr(colon + 1));
    if (key == "calls" || key == "weight") {
      if (auto weight = ParseWeight(value)) {
        out.calls = *weight;
      } else {
        out.problems.push_back("`" + key + ": " + value + "` is not a non-negative number; using 1");
      }
    } else if (key == "name") {
      out.label = value;
    }
  }
  return out;
}

}  // namespace dbarch::sources::workload
