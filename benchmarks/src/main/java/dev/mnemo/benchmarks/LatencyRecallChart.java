package dev.mnemo.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws p50 latency against recall@10, one line per series (a variant family at one size), as PNG. */
public final class LatencyRecallChart {
    private LatencyRecallChart() {
    }

    /**
     * One measured configuration.
     *
     * @param series    the line it belongs to
     * @param latencyMs p50 latency
     * @param recall    recall@10
     */
    public record Point(String series, double latencyMs, double recall) {
    }

    /** Writes the chart; points with an unknown latency or recall are left out. */
    public static void write(List<Point> points, Path file) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(650)
                .title("Mnemo: single-query latency vs recall@10 (k=10, one thread)")
                .xAxisTitle("p50 latency (ms, log scale)").yAxisTitle("recall@10").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setYAxisMax(1.002);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        Map<String, List<Point>> bySeries = new LinkedHashMap<>();
        for (Point p : points) {
            if (Double.isFinite(p.latencyMs()) && p.latencyMs() > 0 && Double.isFinite(p.recall())) {
                bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p);
            }
        }
        // a log axis labels decades only: span whole decades so that it is never left without labels
        double min = bySeries.values().stream().flatMap(List::stream).mapToDouble(Point::latencyMs).min().orElse(0.1);
        double max = bySeries.values().stream().flatMap(List::stream).mapToDouble(Point::latencyMs).max().orElse(1);
        chart.getStyler().setXAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setXAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.0001))));
        if (bySeries.isEmpty()) {
            chart.addSeries("no results", new double[] {1}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        bySeries.forEach((name, list) -> {
            list.sort(Comparator.comparingDouble(Point::latencyMs));
            XYSeries s = chart.addSeries(name, list.stream().mapToDouble(Point::latencyMs).toArray(),
                    list.stream().mapToDouble(Point::recall).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }
}
