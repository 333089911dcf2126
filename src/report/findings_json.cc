#include "report/findings_json.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include <fmt/format.h>

namespace dbarch::report {
namespace {

// A JSON string literal. The texts are valid UTF-8 (sources are checked on reading, messages are built from
// them), so only quotes, backslashes and control characters need escaping, as nlohmann's dump does.
void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  // Runs of characters that need no escaping are appended whole: character-by-character appends were a tenth
  // of a large corpus's lint time (the explanations are long).
  size_t run_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* escape = nullptr;
    switch (c) {
      case '"': escape = "\\\""; break;
      case '\\': escape = "\\\\"; break;
      case '\b': escape = "\\b"; break;
      case '\f': escape = "\\f"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      case '\t': escape = "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) continue;
    }
    out->append(text.substr(run_start, i - run_start));
    if (escape) {
      *out += escape;
    } else {
      *out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    }
    run_start = i + 1;
  }
  out->append(text.substr(run_start));
  out->push_back('"');
}

// Findings [begin, end) as JSON array elements; the last element of the whole array has no comma after it.
void JsonElements(const std::vector<const Finding*>& findings, size_t begin, size_t end, std::string& out) {
  out.clear();
  auto field = [&](std::string_view key, std::string_view value) {
    out += "    \"";
    out += key;
    out += "\": ";
    AppendJsonString(value, &out);
    out += ",\n";
  };
  // A rule's explanation is the same long text in each of its findings, and a file's findings are adjacent:
  // both are escaped once and the escaped literal reused (looking a text up costs a hash, escaping it a
  // branch per character).
  std::unordered_map<std::string_view, std::string> escaped_explanations;
  std::string_view last_file;
  std::string escaped_file;
  auto escaped = [](std::string_view text) {
    std::string literal;
    AppendJsonString(text, &literal);
    return literal;
  };
  for (size_t i = begin; i < end; ++i) {
    const Finding& f = *findings[i];
    out += "  {\n";
    fmt::format_to(std::back_inserter(out), "    \"column\": {},\n", f.location.column);
    auto [explanation, added] = escaped_explanations.try_emplace(f.explanation);
    if (added) explanation->second = escaped(f.explanation);
    out += "    \"explanation\": ";
    out += explanation->second;
    out += ",\n";
    if (i == begin || f.location.file != last_file) {
      last_file = f.location.file;
      escaped_file = escaped(last_file);
    }
    out += "    \"file\": ";
    out += escaped_file;
    out += ",\n";
    if (!f.fix_sql.empty()) field("fix", f.fix_sql);
    fmt::format_to(std::back_inserter(out), "    \"line\": {},\n", f.location.line);
    field("message", f.message);
    if (!f.object.empty()) field("object", f.object);
    field("rule", f.rule_id);
    out += "    \"severity\": ";
    AppendJsonString(SeverityName(f.severity), &out);
    out += i + 1 < findings.size() ? "\n  },\n" : "\n  }\n";
  }
}

std::vector<const Finding*> Pointers(const Findings& findings) {
  std::vector<const Finding*> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) out.push_back(&f);
  return out;
}

}  // namespace

FindingsJson::FindingsJson(const Findings& findings, std::size_t findings_per_chunk)
    : FindingsJson(Pointers(findings), findings_per_chunk) {}

FindingsJson::FindingsJson(std::vector<const Finding*> findings, std::size_t findings_per_chunk)
    : findings_(std::move(findings)),
      per_chunk_(std::max<std::size_t>(findings_per_chunk, 1)),
      chunks_((findings_.size() + per_chunk_ - 1) / per_chunk_) {
  if (chunks_ > 1) helper_ = std::thread([this] { RenderOddChunks(); });
}

FindingsJson::~FindingsJson() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (helper_.joinable()) helper_.join();
}

std::optional<std::string_view> FindingsJson::Next() {
  const std::size_t piece = next_piece_++;
  if (findings_.empty()) return piece == 0 ? std::optional<std::string_view>("[]\n") : std::nullopt;
  if (piece == 0) return "[\n";
  if (piece == chunks_ + 1) return "]\n";
  if (piece > chunks_ + 1) return std::nullopt;
  const std::size_t chunk = piece - 1;
  {
    std::lock_guard lock(mutex_);
    consumed_ = chunk;  // every earlier chunk has been written: its buffer may be reused
  }
  changed_.notify_all();
  if (chunk % 2 == 0) {
    Render(chunk, own_buffer_);
    return own_buffer_;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return rendered_ >= static_cast<long>(chunk); });
  return helper_buffers_[(chunk / 2) % 2];
}

void FindingsJson::Render(std::size_t chunk, std::string& out) const {
  const std::size_t begin = chunk * per_chunk_;
  JsonElements(findings_, begin, std::min(findings_.size(), begin + per_chunk_), out);
}

void FindingsJson::RenderOddChunks() {
  for (std::size_t chunk = 1; chunk < chunks_; chunk += 2) {
    {
      // The buffer's previous chunk (chunk - 4) must have been written.
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || chunk < 4 || consumed_ > chunk - 4; });
      if (stopping_) return;
    }
    Render(chunk, helper_buffers_[(chunk / 2) % 2]);
    {
      std::lock_guard lock(mutex_);
      rendered_ = static_cast<long>(chunk);
    }
    changed_.notify_all();
  }
}

std::string FindingsJsonText(const Findings& findings) {
  FindingsJson json(findings);
  std::string out;
  while (auto piece = json.Next()) out += *piece;
  return out;
}

}  // namespace dbarch::report
