package dev.mnemo.cli;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of {@code add --meta key=value}: a plain value is a string; {@code n:42} a long
 * ({@code n:1.5} a double), {@code d:1.5} a double, {@code b:true} a boolean, and {@code s:...}
 * a string that would otherwise look typed ({@code s:n:42} is the string {@code "n:42"}).
 */
final class MetaArgs {
    private MetaArgs() {
    }

    static Map<String, Object> parse(List<String> args) {
        Map<String, Object> out = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new InvalidInputException("--meta needs key=value, got " + Metadata.quote(arg));
            }
            String key = Metadata.checkKey(arg.substring(0, eq));
            if (out.put(key, value(key, arg.substring(eq + 1))) != null) {
                throw new InvalidInputException("--meta gives key " + Metadata.quote(key) + " twice");
            }
        }
        return out;
    }

    private static Object value(String key, String raw) {
        if (raw.length() < 2 || raw.charAt(1) != ':') {
            return raw;
        }
        String rest = raw.substring(2);
        try {
            return switch (raw.charAt(0)) {
                case 'n' -> rest.matches("[-+]?\\d+") ? (Object) Long.parseLong(rest) : number(key, rest);
                case 'd' -> number(key, rest);
                case 'b' -> bool(key, rest);
                case 's' -> rest;
                default -> raw;
            };
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--meta " + key + ": '" + rest + "' is not a number");
        }
    }

    private static Object number(String key, String text) {
        double d = Double.parseDouble(text);
        return Metadata.value(key, d); // refuses NaN and infinities, naming the key
    }

    private static Object bool(String key, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInputException("--meta " + key + ": 'b:' takes true or false, got '" + text + "'");
        };
    }
}
