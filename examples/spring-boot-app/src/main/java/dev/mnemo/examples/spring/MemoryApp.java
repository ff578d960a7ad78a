package dev.mnemo.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot app with long-term memory from {@code mnemo-spring-boot-starter}: nothing but the
 * dependency and {@code application.properties} configures Mnemo. Run it with options:
 *
 * <pre>
 * --remember="Kafka drinks green tea every morning."   (repeatable) stores a memory
 * --recall="What does Kafka drink?"                     prints the closest memories
 * --top-k=3                                             how many to print
 * --mnemo.data-dir=/some/dir                            any Mnemo property, as in application.properties
 * </pre>
 */
@SpringBootApplication
public class MemoryApp {
    public static void main(String[] args) {
        SpringApplication.run(MemoryApp.class, args);
    }
}
