#pragma once

#include "session/SessionFile.h"

namespace filterscope {

class Workbench;

// What the session holds now: plugins, inputs, the selection (the window adds its layout and compare mode).
// Cheap, for the GUI thread; the files' hashes come from fingerprintSession.
SessionState snapshotSession(const Workbench& workbench);
// Fills in the SHA-256 of every plugin file and input: reads them all (cached per file version), so a
// window calls it on a worker thread.
void fingerprintSession(SessionState& state);
// Loads the plugins, sets the selection and the inputs, and opens the current input. Loading and running
// go as background tasks as always: the views fill in when the results arrive.
void restoreSession(Workbench& workbench, const SessionState& state);

}  // namespace filterscope
