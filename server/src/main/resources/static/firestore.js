// Firestore's state beside the service line: hidden when Firestore is not configured, "degraded" while it does
// not answer (the fleet then runs on its volume; /health stays UP). Polled, with the same token as the dashboard.
"use strict";

(function () {
  const line = document.getElementById("firestore");

  async function refresh() {
    const stored = sessionStorage.getItem("wa-fleet-admin-token");
    if (!stored) { line.hidden = true; return; }
    try {
      const response = await fetch("/api/status/firestore", { headers: { Authorization: "Bearer " + stored } });
      if (!response.ok) { line.hidden = true; return; }
      const status = await response.json();
      line.hidden = !status.enabled;
      line.className = status.status === "degraded" ? "degraded" : "";
      line.textContent = status.status === "degraded"
        ? `Firestore DEGRADED since ${status.since}: running on the volume, backups and hand-overs wait`
        : `Firestore up · ${status.leasesHeld.length} leases held by ${status.instance}`;
    } catch (e) {
      line.hidden = true;
    }
  }

  refresh();
  setInterval(refresh, 5000);
})();
