// The ER model as a Graphviz graph (table boxes with PK/FK markers, crow's-foot edges), and the one place
// dbarch runs Graphviz: `dot -Tsvg`, spawned directly (no shell), source on stdin, SVG on stdout.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include <fmt/format.h>

#include "report/report.h"

extern char** environ;

namespace dbarch::report {

namespace {

// A single PostScript name: Graphviz sizes text with its built-in metrics for the standard fonts and falls
// back to Times for anything else (a CSS-like list included), which makes boxes too narrow in a browser.
constexpr std::string_view kFont = "Helvetica";
constexpr size_t kMaxTypeLength = 28;

// A double-quoted dot ID.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Text inside an HTML-like label.
std::string LabelText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Shorten(const std::string& text) {
  if (text.size() <= kMaxTypeLength) return text;
  return text.substr(0, kMaxTypeLength - 3) + "...";
}

// The diagram uses PostgreSQL's short type names so the boxes stay narrow.
std::string ShortTypeName(const std::string& type) {
  static constexpr std::pair<std::string_view, std::string_view> kShort[] = {
      {"character varying", "varchar"},     {"timestamp with time zone", "timestamptz"},
      {"timestamp without time zone", "timestamp"}, {"time with time zone", "timetz"},
      {"time without time zone", "time"},   {"double precision", "float8"},
      {"character", "char"},                {"bit varying", "varbit"}};
  std::string out = type;
  for (auto [long_name, short_name] : kShort) {
    if (out.starts_with(long_name)) {
      out = std::string(short_name) + out.substr(long_name.size());
      break;
    }
  }
  // "timestamp(3) with time zone" keeps its precision between the words.
  for (std::string_view suffix : {" with time zone", " without time zone"}) {
    if (size_t at = out.find(suffix); at != std::string::npos) {
      out = out.substr(0, at) + out.substr(at + suffix.size());
      if (suffix == " with time zone") out.insert(out.find('(') == std::string::npos ? out.size() : out.find('('), "tz");
    }
  }
  if (out.starts_with("public.")) out = out.substr(7);
  return out;
}

std::string EntityTitle(const model::QualifiedName& table) {
  return table.schema == "public" ? table.name : table.ToString();
}

std::string KeyMarker(const analyzers::ErAttribute& a) {
  std::string out;
  if (a.primary_key) out = "PK";
  if (a.foreign_key) out += out.empty() ? "FK" : " FK";
  if (a.unique && !a.primary_key) out += out.empty() ? "UK" : " UK";
  return out;
}

std::string EntityNode(const analyzers::ErEntity& e, const std::map<std::string, int>& ports) {
  const char* header = e.junction ? "#5a6b82" : "#1f3a5f";
  std::string label = fmt::format(
      "<<TABLE BORDER=\"1\" COLOR=\"#9aa8bb\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"4\" "
      "BGCOLOR=\"white\">\n"
      "    <TR><TD COLSPAN=\"3\" BGCOLOR=\"{}\" ALIGN=\"CENTER\"><FONT COLOR=\"white\" POINT-SIZE=\"11\"><B>{}</B></FONT>"
      "{}</TD></TR>\n",
      header, LabelText(EntityTitle(e.table)),
      e.junction ? "<FONT COLOR=\"#dfe6ef\" POINT-SIZE=\"8\"> (junction)</FONT>" : "");
  for (size_t i = 0; i < e.attributes.size(); ++i) {
    const auto& a = e.attributes[i];
    std::string marker = KeyMarker(a);
    const char* marker_color = a.primary_key ? "#a0700a" : "#2b6cb0";
    const char* row_color = i % 2 ? "#f4f6f9" : "white";
    std::string name = LabelText(a.name);
    if (a.primary_key) name = "<B>" + name + "</B>";
    if (!a.nullable && !a.primary_key) name += "<FONT COLOR=\"#b23b3b\">*</FONT>";
    label += fmt::format(
        "    <TR><TD ALIGN=\"LEFT\" BGCOLOR=\"{0}\" PORT=\"w{2}\">{1}</TD>"
        "<TD ALIGN=\"LEFT\" BGCOLOR=\"{0}\">{3}</TD>"
        "<TD ALIGN=\"LEFT\" BGCOLOR=\"{0}\" PORT=\"e{2}\"><FONT COLOR=\"#66768a\">{4}</FONT></TD></TR>\n",
        row_color,
        marker.empty() ? " " : fmt::format("<FONT COLOR=\"{}\" POINT-SIZE=\"8\"><B>{}</B></FONT>", marker_color, marker),
        ports.at(a.name), name, LabelText(Shorten(ShortTypeName(a.type))));
  }
  label += "  </TABLE>>";
  return fmt::format("  {} [label={}];\n", Quoted(e.table.ToString()), label);
}

// Crow's-foot arrow shapes; Graphviz draws the first shape nearest the node.
std::string_view ParentArrow(analyzers::ParentSide side) {
  return side == analyzers::ParentSide::kZeroOrOne ? "teeodot" : "teetee";
}

std::string_view ChildArrow(analyzers::ChildSide side) {
  switch (side) {
    case analyzers::ChildSide::kZeroOrMany: return "crowodot";
    case analyzers::ChildSide::kZeroOrOne: return "teeodot";
    case analyzers::ChildSide::kOneOrMany: return "crowtee";
  }
  return "crowodot";
}

}  // namespace

std::string RenderDot(const analyzers::ErModel& er) {
  std::string out = "digraph er {\n";
  out += fmt::format(
      "  graph [rankdir=LR, fontname=\"{0}\", nodesep=0.35, ranksep=0.9, pad=0.3, bgcolor=\"white\"];\n"
      "  node [shape=plain, fontname=\"{0}\", fontsize=10];\n"
      "  edge [fontname=\"{0}\", fontsize=8, fontcolor=\"#66768a\", color=\"#5f7590\", penwidth=1.1, dir=both, "
      "arrowsize=0.9];\n",
      kFont);
  // Ports are numbered per entity; column names may contain characters dot ports cannot.
  std::map<model::QualifiedName, std::map<std::string, int>> ports;
  for (const auto& e : er.entities) {
    auto& p = ports[e.table];
    for (size_t i = 0; i < e.attributes.size(); ++i) p.emplace(e.attributes[i].name, static_cast<int>(i));
  }
  for (const auto& e : er.entities) out += EntityNode(e, ports[e.table]);
  auto endpoint = [&](const model::QualifiedName& table, const std::vector<std::string>& columns, char side) {
    std::string id = Quoted(table.ToString());
    auto t = ports.find(table);
    if (columns.empty() || t == ports.end()) return id;
    auto c = t->second.find(columns.front());
    if (c == t->second.end()) return id;
    return fmt::format("{}:{}{}:{}", id, side, c->second, side);
  };
  for (const auto& r : er.relationships) {
    out += fmt::format("  {} -> {} [arrowtail={}, arrowhead={}, tooltip={}];\n", endpoint(r.parent, r.parent_columns, 'e'),
                       endpoint(r.child, r.child_columns, 'w'), ParentArrow(r.parent_side), ChildArrow(r.child_side),
                       Quoted(r.constraint_name));
  }
  return out + "}\n";
}

namespace {

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Strips the XML prolog, DOCTYPE and comments so the SVG can be inlined into HTML; comments carry node
// names that need not be safe inside an HTML comment.
std::string InlineableSvg(const std::string& svg) {
  size_t start = svg.find("<svg");
  std::string body = start == std::string::npos ? svg : svg.substr(start);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = body.find("<!--", pos);
    if (open == std::string::npos) break;
    size_t close = body.find("-->", open + 4);
    out += body.substr(pos, open - pos);
    if (close == std::string::npos) {
      pos = body.size();
      break;
    }
    pos = close + 3;
  }
  out += body.substr(pos);
  return out;
}

}  // namespace

Result<std::string> DotToSvg(const std::string& dot_source) {
  // stdin is a socket so a write to a dot that died early fails with EPIPE instead of raising SIGPIPE.
  int in_pair[2], out_pipe[2], err_pipe[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) {
    return Status::IoError(fmt::format("cannot create a socket pair for dot: {}", std::strerror(errno)));
  }
  Fd in_child(in_pair[0]), in_parent(in_pair[1]);
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return Status::IoError("cannot create a pipe for dot");
  Fd out_parent(out_pipe[0]), out_child(out_pipe[1]);
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return Status::IoError("cannot create a pipe for dot");
  Fd err_parent(err_pipe[0]), err_child(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_child.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_child.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_child.get(), STDERR_FILENO);
  char arg0[] = "dot";
  char arg1[] = "-Tsvg";
  char* argv[] = {arg0, arg1, nullptr};
  pid_t pid = 0;
  int spawn_error = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    if (spawn_error == ENOENT) {
      return Status::Unavailable("Graphviz `dot` was not found on PATH; install graphviz to draw the ER diagram");
    }
    return Status::Unavailable(fmt::format("cannot run Graphviz `dot`: {}", std::strerror(spawn_error)));
  }
  in_child.Reset();
  out_child.Reset();
  err_child.Reset();

  // Feed stdin while draining stdout and stderr, so no pipe fills up and stalls either side.
  std::string svg, errors;
  size_t written = 0;
  bool write_failed = false;
  if (dot_source.empty()) in_parent.Reset();
  fcntl(in_parent.get(), F_SETFL, O_NONBLOCK);
  while (out_parent.get() >= 0 || err_parent.get() >= 0) {
    pollfd fds[3];
    int n = 0;
    int in_at = -1, out_at = -1, err_at = -1;
    if (in_parent.get() >= 0) fds[in_at = n++] = {in_parent.get(), POLLOUT, 0};
    if (out_parent.get() >= 0) fds[out_at = n++] = {out_parent.get(), POLLIN, 0};
    if (err_parent.get() >= 0) fds[err_at = n++] = {err_parent.get(), POLLIN, 0};
    if (poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in_at >= 0 && fds[in_at].revents) {
      ssize_t w = send(in_parent.get(), dot_source.data() + written, dot_source.size() - written, MSG_NOSIGNAL);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 && errno != EAGAIN && errno != EINTR) write_failed = true;
      if (written == dot_source.size() || write_failed) in_parent.Reset();
    }
    auto drain = [](const pollfd& p, Fd* fd, std::string* into) {
      if (!p.revents) return;
      char buffer[16384];
      ssize_t r = read(fd->get(), buffer, sizeof buffer);
      if (r > 0) {
        into->append(buffer, static_cast<size_t>(r));
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        fd->Reset();
      }
    };
    if (out_at >= 0) drain(fds[out_at], &out_parent, &svg);
    if (err_at >= 0) drain(fds[err_at], &err_parent, &errors);
  }
  in_parent.Reset();
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0 || write_failed || svg.find("<svg") == std::string::npos) {
    return Status::Internal(fmt::format("Graphviz `dot -Tsvg` failed: {}", errors.empty() ? "no output" : errors));
  }
  return InlineableSvg(svg);
}

}  // namespace dbarch::report
