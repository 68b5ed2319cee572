#pragma once

namespace le::app {
// Starts the desktop application (files on the command line are opened; with none, the demo).
int runGui(int argc, char** argv);
} // namespace le::app
