// Retention: keep enough full backups that the oldest moment of the point-in-time window always has a full
// backup before it (PITR replays WAL forward from a backup, never backward). pgBackRest keeps the WAL of every
// retained full (repo1-retention-archive follows repo1-retention-full), so the window is continuous.
#include <cmath>

#include <fmt/format.h>

#include "analyzers/backup/backup_internal.h"

namespace dbarch::analyzers::backup {

Retention ChooseRetention(const BackupTargets& targets, const Schedule& schedule) {
  Retention r;
  r.pitr_days = targets.retention_days;
  const int interval = schedule.full_every_days;
  // Just after a new full the window must still reach back pitr_days: the fulls covering it plus the one
  // before its start.
  r.full = static_cast<int>(std::ceil(static_cast<double>(r.pitr_days) / interval)) + 1;
  r.reasons.push_back(fmt::format(
      "repo1-retention-full={}: a full every {} and a {}-day recovery window; the full before the window's start is "
      "kept so its oldest moment stays restorable, with all WAL since",
      r.full, interval == 1 ? std::string("day") : fmt::format("{} days", interval), r.pitr_days));
  if (schedule.daily_differential) {
    r.diff = 6;
    r.reasons.push_back(
        "repo1-retention-diff=6: the latest week of differentials; older restores start from their full and replay "
        "WAL, which is slower but still possible");
  }
  return r;
}

}  // namespace dbarch::analyzers::backup
