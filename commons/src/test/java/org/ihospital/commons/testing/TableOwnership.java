package org.ihospital.commons.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * "A package reads only its own tables", made checkable. Every table of a service's migrations has one
 * owning package: the package of the entity mapped to it ({@code @Table(name = …)} or
 * {@code @CollectionTable(name = …)}), or the one declared for a table without an entity. The SQL
 * (native queries) and the JPQL (entity names) written in each package may name only what the package
 * owns; a package that needs a neighbour's facts asks the neighbour.
 *
 * <p>Reads the module's sources: string literals and text blocks, comments stripped, so prose never counts.
 */
public final class TableOwnership {

    /** Where a package names a table or an entity that another package owns. */
    public record Trespass(String file, String pkg, String named, String owner) {
        @Override
        public String toString() {
            return file + " (package " + pkg + ") names " + named + ", which belongs to " + owner;
        }
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern MAPPED_TABLE = Pattern.compile("@(?:Table|CollectionTable)\\s*\\(\\s*name\\s*=\\s*\"([a-z_][a-z0-9_]*)\"");
    private static final Pattern ENTITY_CLASS = Pattern.compile("@Entity\\b[\\s\\S]*?\\bclass\\s+([A-Z][A-Za-z0-9_]*)");
    private static final Pattern SQL_NAME = Pattern.compile("(?i)\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LITERALS = Pattern.compile("\"\"\"([\\s\\S]*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*[\\s\\S]*?\\*/");

    private final Path sources;
    private final Path migrations;
    private final String basePackage;
    private final Map<String, String> declared = new HashMap<>();

    private TableOwnership(Path sources, Path migrations, String basePackage) {
        this.sources = sources;
        this.migrations = migrations;
        this.basePackage = basePackage;
    }

    /** The module under test: {@code src/main/java} and {@code src/main/resources/db/migration} of the working directory. */
    public static TableOwnership of(String basePackage) {
        return new TableOwnership(Path.of("src/main/java"), Path.of("src/main/resources/db/migration"), basePackage);
    }

    public static TableOwnership of(Path sources, Path migrations, String basePackage) {
        return new TableOwnership(sources, migrations, basePackage);
    }

    /** Declares the owner of a table that no entity maps (e.g. rows written with a conditional INSERT). */
    public TableOwnership owns(String pkg, String... tables) {
        for (String table : tables) {
            declared.put(table, pkg);
        }
        return this;
    }

    /** Tables of the migrations that nobody owns. */
    public Set<String> unowned() {
        Set<String> unowned = new TreeSet<>(tables());
        unowned.removeAll(owners().keySet());
        return unowned;
    }

    /** Every place where a package names a table or entity it does not own. */
    public List<Trespass> trespasses() {
        Map<String, String> tableOwners = owners();
        Map<String, String> entityOwners = entities();
        List<Trespass> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = packageOf(file);
            String code = COMMENTS.matcher(read(file)).replaceAll(" ");
            Matcher literal = LITERALS.matcher(code);
            while (literal.find()) {
                String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                Matcher name = SQL_NAME.matcher(text);
                while (name.find()) {
                    String named = name.group(1);
                    String owner = tableOwners.get(named.toLowerCase(Locale.ROOT));
                    if (owner == null || !named.equals(named.toLowerCase(Locale.ROOT))) {
                        owner = entityOwners.get(named);
                    }
                    if (owner != null && !owner.equals(pkg)) {
                        found.add(new Trespass(sources.relativize(file).toString(), pkg, named, owner));
                    }
                }
            }
        }
        return found;
    }

    private Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>(declared);
        for (Path file : javaFiles()) {
            Matcher m = MAPPED_TABLE.matcher(read(file));
            while (m.find()) {
                owners.put(m.group(1), packageOf(file));
            }
        }
        return owners;
    }

    private Map<String, String> entities() {
        Map<String, String> owners = new HashMap<>();
        for (Path file : javaFiles()) {
            Matcher m = ENTITY_CLASS.matcher(COMMENTS.matcher(read(file)).replaceAll(" "));
            if (m.find()) {
                owners.put(m.group(1), packageOf(file));
            }
        }
        return owners;
    }

    private Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        if (!Files.isDirectory(migrations)) {
            return tables; // a service without tables of its own (yet)
        }
        try (Stream<Path> files = Files.walk(migrations)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
                Matcher m = CREATE_TABLE.matcher(read(f));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private List<Path> javaFiles() {
        Path root = sources.resolve(basePackage.replace('.', '/'));
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The aggregate package: the first segment below the base package ({@code prescription}, {@code appointment}). */
    private String packageOf(Path file) {
        Path relative = sources.resolve(basePackage.replace('.', '/')).relativize(file);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
