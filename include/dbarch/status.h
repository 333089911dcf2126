// Status and Result<T>: how errors cross module lines in dbarch (after LevelDB's Status).
//
// A function that can fail returns Status (nothing else to return) or Result<T>. Exceptions may be used
// inside a module but never escape it. A Status carries a code, a human message and, where the error
// is about input text, the SourceLocation it refers to.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "dbarch/location.h"

namespace dbarch {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,   // the user's input is wrong (syntax error, bad flag, malformed file)
    kNotFound,       // a file, object or program that should exist does not
    kIoError,        // reading or writing failed
    kUnavailable,    // an external service (PostgreSQL, a tool) could not be reached or started
    kInternal,       // a bug in dbarch
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message, std::optional<SourceLocation> where = std::nullopt) {
    return Status(Code::kInvalidInput, std::move(message), std::move(where));
  }
  static Status NotFound(std::string message) { return Status(Code::kNotFound, std::move(message)); }
  static Status IoError(std::string message) { return Status(Code::kIoError, std::move(message)); }
  static Status Unavailable(std::string message) { return Status(Code::kUnavailable, std::move(message)); }
  static Status Internal(std::string message) { return Status(Code::kInternal, std::move(message)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::optional<SourceLocation>& location() const { return location_; }

  // "file:line:col: error: message" when there is a location, else "error: message". A message may span
  // several lines (a syntax error carries the source line and a caret).
  std::string ToString() const;

  // Process exit code documented in the README: 2 for bad input, 3 for environment/IO problems, 4 internal.
  int ExitCode() const;

 private:
  Status(Code code, std::string message, std::optional<SourceLocation> where = std::nullopt)
      : code_(code), message_(std::move(message)), location_(std::move(where)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::optional<SourceLocation> location_;
};

// Either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design, like absl::StatusOr
  Result(Status status) : data_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace dbarch

// Early return on error, for functions returning Status or Result<U>.
#define DBARCH_RETURN_IF_ERROR(expr)         \
  do {                                       \
    ::dbarch::Status _st = (expr);           \
    if (!_st.ok()) return _st;               \
  } while (0)
