#include "dbarch/status.h"

#include "dbarch/diagnostic.h"
#include "dbarch/severity.h"

namespace dbarch {

std::string SourceLocation::ToString() const {
  if (file.empty()) return "<unknown>";
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  // Messages that already begin with a location (syntax errors formatted by SourceText) are kept as is.
  if (location_ && location_->known() && message_.rfind(location_->file + ":", 0) != 0) {
    return location_->ToString() + ": error: " + message_;
  }
  if (location_ && location_->known()) return message_;
  return "error: " + message_;
}

int Status::ExitCode() const {
  switch (code_) {
    case Code::kOk: return 0;
    case Code::kInvalidInput: return 2;
    case Code::kNotFound:
    case Code::kIoError:
    case Code::kUnavailable: return 3;
    case Code::kInternal: return 4;
  }
  return 4;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  if (name == "info") return Severity::kInfo;
  if (name == "warning") return Severity::kWarning;
  if (name == "error") return Severity::kError;
  return std::nullopt;
}

std::string Diagnostic::ToString() const {
  std::string out;
  if (location.known()) out = location.ToString() + ": ";
  out += std::string(SeverityName(severity)) + ": " + message;
  if (!code.empty()) out += " [" + code + "]";
  return out;
}

}  // namespace dbarch
