// filterscope-cli: a thin client over filterscope_core (plus QtGui to paint figures).
#include "InterveneCommand.h"
#include "PluginCheckCommand.h"
#include "ProbeCommand.h"
#include "RunCommand.h"
#include "common/BuildInfo.h"
#include "pipeline/ForwardDeadline.h"

#include <QDir>
#include <QGuiApplication>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

const char* const kUsage =
    "usage: filterscope-cli COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run            analyse inputs through a model plugin, write maps, figures and metrics\n"
    "  plugin check   load a plugin, run a zero input, list every capture and every problem\n"
    "  probe          score maps against masks over a dataset, several models, with confidence intervals\n"
    "  probe-merge    merge the outputs of sharded probe runs\n"
    "  intervene      edit tokens at a stage, run the rest of the model, compare the predictions\n"
    "\n"
    "filterscope-cli COMMAND --help shows a command's options.\n"
    "filterscope-cli --version prints the version and the libraries it runs with.\n";

// A forward pass that overran --timeout may still be running on its own thread: static destructors
// (LibTorch's among them) must not run under it, so the process ends here once its output is flushed.
int finished(int status) {
    if (filterscope::overrunForwardsRunning() > 0) {
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    // Figures need fonts, hence a QGuiApplication; the CLI never needs a display.
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    if (!std::getenv("XDG_RUNTIME_DIR")) {
        // Qt warns on every start without one; a private folder of our own keeps stderr for real news.
        const QByteArray dir =
            QDir::tempPath().toLocal8Bit() + "/filterscope-runtime-" + QByteArray::number(getuid());
        if (mkdir(dir.constData(), 0700) == 0 || errno == EEXIST)
            setenv("XDG_RUNTIME_DIR", dir.constData(), 1);
    }
    // Qt must not see our arguments: it would take "--plugin DIR" as its own -plugin option.
    int qtArgc = 1;
    QGuiApplication app(qtArgc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("filterscope-cli"));

    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::fputs(filterscope::buildinfo::versionReport("filterscope-cli").c_str(), stdout);
        return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    const bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
    if (command == "run") {
        if (help) {
            std::fputs(filterscope::kRunUsage, stdout);
            return 0;
        }
        return finished(filterscope::runRunCommand(args));
    }
    if (command == "probe" || command == "probe-merge") {
        if (help) {
            std::fputs(command == "probe" ? filterscope::kProbeUsage : filterscope::kProbeMergeUsage, stdout);
            return 0;
        }
        return finished(command == "probe" ? filterscope::runProbeCommand(args)
                                           : filterscope::runProbeMergeCommand(args));
    }
    if (command == "intervene") {
        if (help) {
            std::fputs(filterscope::kInterveneUsage, stdout);
            return 0;
        }
        return finished(filterscope::runInterveneCommand(args));
    }
    if (command == "plugin" && !args.empty() && args[0] == "check") {
        args.erase(args.begin());
        return filterscope::runPluginCheckCommand(args);
    }
    std::fprintf(stderr, "error: unknown command \"%s\"\n%s", command.c_str(), kUsage);
    return 2;
}
