#pragma once

#include "session/SessionFile.h"

namespace filterscope {

class ProbeSession;

// What the session holds now (plugins with their files' hashes, inputs with theirs, the selection); the
// window adds its own layout and compare mode.
SessionState snapshotSession(const ProbeSession& session);
// Loads the plugins, sets the selection and the inputs, and opens the current input. Loading and running
// go through the session's job queue as always: the views fill in when the results arrive.
void restoreSession(ProbeSession& session, const SessionState& state);

}  // namespace filterscope
