// Soak benchmark of the window's document: Workbench opening N inputs one after another (copies of a real
// photo, each a different crop) with the result-cache budget in force; prints the process's resident memory
// every 100 inputs. Flat (within a few %) means the cache budget holds and nothing accumulates.
//   bench_session_soak PLUGIN_DIR IMAGE [--inputs 500] [--budget-mb 64]
#include "session/Workbench.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace {

long residentKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s PLUGIN_DIR IMAGE [--inputs N] [--budget-mb MB]\n", argv[0]);
        return 2;
    }
    int count = 500;
    size_t budgetMb = 64;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--inputs"))
            count = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--budget-mb"))
            budgetMb = std::strtoul(argv[i + 1], nullptr, 10);
    }
    QTemporaryDir dir;
    const QImage photo(QString::fromLocal8Bit(argv[2]));
    if (photo.isNull()) {
        std::fprintf(stderr, "error: cannot read %s\n", argv[2]);
        return 1;
    }
    QStringList inputs;
    for (int i = 0; i < count; ++i) {
        inputs << dir.filePath(QStringLiteral("crop%1.png").arg(i, 4, 10, QLatin1Char('0')));
        photo
            .copy((i * 7) % (photo.width() / 4), (i * 13) % (photo.height() / 4), photo.width() * 3 / 4,
                  photo.height() * 3 / 4)
            .save(inputs.back());
    }
    filterscope::Workbench session;
    session.scheduler().setDevice(filterscope::DevicePreference::Cpu);
    session.document().setCacheBudget(budgetMb << 20);
    session.scheduler().loadPlugin(QString::fromLocal8Bit(argv[1]), 0);
    while (!session.document().plugin(0))
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    std::printf("Workbench opening %d inputs one after another, cache budget %zu MB\n", count, budgetMb);
    std::printf("%8s %10s %12s %8s\n", "inputs", "RSS MB", "cache MB", "cached");
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        session.scheduler().openInput(inputs[i]);
        while (session.document().currentInput() != inputs[i] || session.scheduler().isBusy())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if ((i + 1) % 100 == 0 || i == 0)
            std::printf("%8d %10.1f %12.1f %8d\n", i + 1, residentKb() / 1024.0,
                        session.document().cachedBytes() / 1048576.0, session.document().cachedResultCount());
    }
    std::printf("%.1f inputs/s\n", count * 1000.0 / timer.elapsed());
    return 0;
}
