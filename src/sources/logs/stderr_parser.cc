#include "sources/logs/stderr_parser.h"

#include <string>

namespace dbarch::sources::logs {
namespace {

// One part of a message (the primary text, or DETAIL, …): a view into the input while it is one line, a
// copy once continuation lines are appended.
class Part {
 public:
  void Start(std::string_view first) {
    view_ = first;
    owned_ = false;
  }
  void Append(std::string_view continuation) {
    if (!owned_) {
      buffer_.assign(view_);
      owned_ = true;
    }
    buffer_ += '\n';
    buffer_ += continuation;
    view_ = buffer_;
  }
  void Clear() { view_ = {}, owned_ = false; }
  std::string_view view() const { return view_; }

 private:
  std::string_view view_;
  std::string buffer_;
  bool owned_ = false;
};

class Assembler {
 public:
  Assembler(const RecordSink& sink) : sink_(sink) {}

  void StartMessage(const LogRecord& header, std::string_view text) {
    Flush();
    record_ = header;
    open_ = true;
    current_ = &parts_[0];
    parts_[0].Start(text);
  }

  // Returns false when there is no open message of that process to attach it to.
  bool AddSecondary(std::string_view severity, int64_t pid, std::string_view text) {
    if (!open_ || (pid != 0 && record_.pid != 0 && pid != record_.pid)) return false;
    int index = severity == "DETAIL" ? 1 : severity == "HINT" ? 2 : severity == "CONTEXT" ? 3
              : severity == "STATEMENT" ? 4 : severity == "QUERY" ? 5 : 6;
    current_ = &parts_[index];
    parts_[index].Start(text);
    return true;
  }

  bool AppendContinuation(std::string_view text) {
    if (!open_) return false;
    current_->Append(text);
    return true;
  }

  void Flush() {
    if (!open_) return;
    record_.message = parts_[0].view();
    record_.detail = parts_[1].view();
    record_.hint = parts_[2].view();
    record_.context = parts_[3].view();
    record_.statement = parts_[4].view();
    record_.query = parts_[5].view();
    sink_(record_);
    for (Part& part : parts_) part.Clear();
    open_ = false;
  }

 private:
  const RecordSink& sink_;
  LogRecord record_;
  bool open_ = false;
  Part parts_[7];  // message, DETAIL, HINT, CONTEXT, STATEMENT, QUERY, LOCATION
  Part* current_ = &parts_[0];
};

}  // namespace

bool StartsStderrMessage(std::string_view line, const LogLinePrefix& prefix) {
  if (line.empty() || line[0] == '\t') return false;
  LogRecord scratch;
  return prefix.Match(line, &scratch) && !IsSecondarySeverity(scratch.severity);
}

void ParseStderrLog(std::string_view text, int64_t first_line, const LogLinePrefix& prefix, const RecordSink& sink,
                    const MalformedSink& malformed) {
  Assembler assembler(sink);
  int64_t line_number = first_line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    const int64_t this_line = line_number++;
    if (line.empty()) continue;
    if (line[0] == '\t') {
      if (!assembler.AppendContinuation(line.substr(1)))
        malformed(MalformedLine{this_line, "continuation line without a message before it"});
      continue;
    }
    LogRecord header;
    auto message_start = prefix.Match(line, &header);
    if (!message_start) {
      malformed(MalformedLine{this_line, "line does not start with the log_line_prefix and a severity"});
      continue;
    }
    header.line = this_line;
    const std::string_view message = line.substr(*message_start);
    if (IsSecondarySeverity(header.severity)) {
      if (!assembler.AddSecondary(header.severity, header.pid, message))
        malformed(MalformedLine{this_line, "DETAIL/STATEMENT line without its message"});
      continue;
    }
    assembler.StartMessage(header, message);
  }
  assembler.Flush();
}

}  // namespace dbarch::sources::logs
