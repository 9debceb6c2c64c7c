// Test helper: a short, deterministic fuzz run of the torch.save reader on seed files written by
// tests/python/check_meta_llama.py: mutated data.pkl bytes go through the pickle indexer in memory, and
// mutated whole archives through TorchSaveFile (ZIP directory, local headers, storage bounds). Every
// outcome must be a result or a filterscope::Error. Usage: torch_save_fuzz SECONDS WORKDIR SEED.pth…
#include "ByteMutation.h"
#include "checkpoint/StoredZipArchive.h"
#include "checkpoint/TorchPickleIndex.h"
#include "checkpoint/TorchSaveFile.h"
#include "common/Error.h"

#include "FuzzBudget.h"

#include <QFile>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace filterscope;

namespace {

std::string readAll(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.readAll();
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: %s ITERATIONS WORKDIR SEED.pth... (FILTERSCOPE_FUZZ_SEED picks the seed)\n",
                     argv[0]);
        return 2;
    }
    std::vector<std::string> archives, pickles;
    for (int i = 3; i < argc; ++i) {
        archives.push_back(readAll(argv[i]));
        const auto zip = StoredZipArchive::open(argv[i]);
        for (const auto& m : zip->members())
            if (m.first.size() > 8 && m.first.compare(m.first.size() - 8, 8, "data.pkl") == 0) {
                const StoredZipArchive::Member p = zip->member(m.first);
                pickles.emplace_back(reinterpret_cast<const char*>(p.data), p.size);
            }
    }
    const fuzzbudget::Budget budget =
        fuzzbudget::fromEnvironment(std::atoll(argv[1]), 2024, "torch.save reader");
    std::mt19937 rng(budget.seed);
    const std::string temp = std::string(argv[2]) + "/fuzz.pth";
    long long runs = 0, accepted = 0;
    while (runs < budget.iterations) {
        ++runs;
        try {
            if (rng() % 5) {
                const std::string b = mutateBytes(pickles[rng() % pickles.size()], rng, false, 8);
                parseTorchPickle(reinterpret_cast<const unsigned char*>(b.data()), b.size(), "fuzz");
            } else {
                const std::string b = mutateBytes(archives[rng() % archives.size()], rng, false, 8);
                QFile f(QString::fromStdString(temp));
                if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                    return 3;
                f.write(b.data(), static_cast<qint64>(b.size()));
                f.close();
                const auto file = TorchSaveFile::open(temp);
                for (const auto& t : file->tensors())
                    file->read(t.first);
            }
            ++accepted;
        } catch (const Error&) {
        } catch (const std::exception& e) {
            std::fprintf(stderr, "mutation %lld (seed %u): escaped as %s: %s\n", runs, budget.seed,
                         typeid(e).name(), e.what());
            return 1;
        }
    }
    std::printf("%lld mutated inputs, %lld accepted, the rest refused with an Error\n", runs, accepted);
    return accepted > 0 && accepted < runs ? 0 : 1;
}
