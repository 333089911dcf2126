// health/inactive-replication-slot: a slot nobody consumes keeps every WAL segment since its position.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthReplicationSlot& slot : snapshot.replication_slots) {
    if (slot.active) continue;
    const double retained = static_cast<double>(slot.retained_wal_bytes);
    Finding f = self.NewFinding(retained >= limits.slot_retained_bytes_error ? Severity::kError : Severity::kWarning,
                                slot.name,
                                fmt::format("Replication slot {} ({}) is inactive and retains {} of WAL.", slot.name,
                                            slot.slot_type, Bytes(retained)));
    f.evidence.push_back(fmt::format("active = false, retained WAL {}{}", Bytes(retained),
                                     slot.database.empty() ? "" : ", database " + slot.database));
    f.explanation = fmt::format(
        "The server keeps all WAL from the slot's restart position until its consumer comes back, so the disk "
        "fills and, for logical slots, the xmin horizon holds back VACUUM (health/xid-wraparound). Drop the slot "
        "if its standby or subscriber is gone; max_slot_wal_keep_size (PostgreSQL 13+) caps what a slot can "
        "keep. Error when it retains {} or more.",
        Bytes(limits.slot_retained_bytes_error));
    f.fix_sql = fmt::format("SELECT pg_drop_replication_slot({});", Literal(slot.name));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& InactiveReplicationSlotCheck() {
  static const HealthCheck kCheck{"health/inactive-replication-slot", "replication slots nobody consumes (WAL retained)",
                                  &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
