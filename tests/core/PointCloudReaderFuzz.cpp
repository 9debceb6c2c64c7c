// A short, deterministic fuzz run of the point-cloud readers (run by CTest): thousands of mutations of
// real scans (bit flips, byte overwrites, truncations, edited header numbers). Every outcome must be a
// parsed cloud or a filterscope::Error; a crash, a hang or any other exception fails. The readers never
// trust a header's sizes, so sanitizer builds run this too (FuzzBudget.h: fixed seed and count).
#include "ByteMutation.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "common/Error.h"
#include "pointcloud/PointCloud.h"

#include <QDir>
#include <QFile>
#include "FuzzBudget.h"

#include <QtTest>

#include <chrono>
#include <random>
#include <typeinfo>

using namespace filterscope;

class PointCloudReaderFuzz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mutatedScansNeverCrash() {
        const QDir dir(testpaths::sharedData() + QStringLiteral("/pointclouds"));
        if (!dir.exists())
            QSKIP("../shared/data is not beside this checkout");
        struct Seed {
            std::string name, bytes;
        };
        std::vector<Seed> seeds;
        for (const QString& f :
             dir.entryList({QStringLiteral("*.pcd"), QStringLiteral("*.ply")}, QDir::Files)) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray b = file.read(200000);  // big scans: their header and first part suffice
            seeds.push_back({f.toStdString(), std::string(b.constData(), static_cast<size_t>(b.size()))});
        }
        seeds.push_back({"grid.xyz", "0 0 0\n1 2 3 255 0 0\n-1 nan 2\n4 5 6\n"});
        const fuzzbudget::Budget budget = fuzzbudget::fromEnvironment(30000, 12345, "point-cloud readers");
        std::mt19937 rng(budget.seed);
        long long runs = 0, parsed = 0, refused = 0;
        while (runs < budget.iterations) {
            const Seed& s = seeds[rng() % seeds.size()];
            const std::string b = mutateBytes(s.bytes, rng, true, 16);
            ++runs;
            try {
                const std::string& n = s.name;
                const std::string ext = n.substr(n.rfind('.') + 1);
                const PointCloud c = ext == "ply"   ? parsePly(b, n)
                                     : ext == "pcd" ? parsePcd(b, n)
                                                    : parseXyz(b, n);
                QVERIFY(c.size() > 0);
                ++parsed;
            } catch (const Error&) {
                ++refused;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QStringLiteral("%1 mutation %2: %3 escaped as %4")
                                     .arg(QString::fromStdString(s.name))
                                     .arg(runs)
                                     .arg(QString::fromUtf8(e.what()), QString::fromUtf8(typeid(e).name()))));
            }
        }
        qInfo("%lld mutated files: %lld parsed, %lld refused with an Error", runs, parsed, refused);
        QVERIFY(parsed > 0 && refused > 0);  // the mutations reach both outcomes
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(PointCloudReaderFuzz)
#include "PointCloudReaderFuzz.moc"
