// Benchmark, not a test: a 100k-point scan through the point-cloud pipeline. Writes the first 100,000
// finite points of SCAN as a binary PLY (so loading is measured on a 100k file), then times load,
// farthest-point sampling to the plugin's P, forward, and rendering the batch figure.
// usage: bench_pointcloud_pipeline PLUGIN_DIR SCAN [--repeat N]
#include "figure/CloudFigurePainter.h"
#include "plugin/ModelPlugin.h"
#include "pointcloud/PointCloud.h"
#include "pointcloud/PointSampling.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace filterscope;
using Clock = std::chrono::steady_clock;

namespace {
double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QGuiApplication app(qtArgc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s PLUGIN_DIR SCAN [--repeat N]\n", argv[0]);
        return 2;
    }
    const int repeat = argc > 4 && std::string(argv[3]) == "--repeat" ? std::atoi(argv[4]) : 3;
    const auto plugin = ModelPlugin::load(argv[1], DevicePreference::Auto);
    const PointCloud scan = loadPointCloud(argv[2]);
    const int64_t n = std::min<int64_t>(100000, scan.size());
    QTemporaryDir dir;
    const QString ply = dir.filePath(QStringLiteral("scan100k.ply"));
    {
        QFile f(ply);
        f.open(QIODevice::WriteOnly);
        f.write(QStringLiteral("ply\nformat binary_little_endian 1.0\nelement vertex %1\nproperty float x\n"
                               "property float y\nproperty float z\nend_header\n")
                    .arg(n)
                    .toUtf8());
        f.write(reinterpret_cast<const char*>(scan.xyz.data()), n * 3 * sizeof(float));
    }
    std::vector<double> load, sample, forward, render;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        const PointCloud cloud = loadPointCloud(ply.toStdString());
        const auto t1 = Clock::now();
        const PointCloud sampled = samplePoints(cloud, plugin->manifest().points, "scan");
        const auto t2 = Clock::now();
        const CaptureSet caps = plugin->run(pointTensor(sampled), "scan");
        const auto t3 = Clock::now();
        const FloatArray norms({sampled.size()}, std::vector<float>(sampled.size(), 1.0f));
        CloudFigureSpec fig;
        fig.xyz = sampled.xyz;
        fig.values = norms.data;
        CloudFigurePainter painter(fig);
        QImage image(painter.size() * 2, QImage::Format_RGB32);
        QPainter p(&image);
        p.scale(2, 2);
        painter.paint(p);
        p.end();
        const auto t4 = Clock::now();
        load.push_back(ms(t0, t1));
        sample.push_back(ms(t1, t2));
        forward.push_back(ms(t2, t3));
        render.push_back(ms(t3, t4));
    }
    std::printf("%lld-point binary PLY -> %d points (%s), plugin %s on %s, median of %d runs (ms)\n",
                static_cast<long long>(n), plugin->manifest().points.points,
                plugin->manifest().points.sampling == PointInputSpec::Sampling::FarthestPoint
                    ? "farthest-point"
                    : "random",
                plugin->id().c_str(), plugin->deviceName().c_str(), repeat);
    std::printf("load %.1f   sampling %.1f   forward %.1f   render (PNG figure paint) %.1f\n", median(load),
                median(sample), median(forward), median(render));
    return 0;
}
