package org.crossmodal.workbench.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;

/**
 * A workbench session: items, one embedding matrix per space, alignments and projections, each with
 * provenance, and the audio of the items that have no file of their own (recordings made in the window). Not thread-safe: the workflow layer owns it and hands snapshots to views.
 * Persistence is in {@link SessionStore}.
 */
public final class Session {
    /** The current on-disk format version. */
    public static final int FORMAT_VERSION = 1;

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, EmbeddingSet> spaces = new LinkedHashMap<>();
    private final Map<String, LinearMap> alignments = new LinkedHashMap<>();
    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, Audio> audio = new LinkedHashMap<>();
    private Provenance provenance = Provenance.of("session");

    public void addItem(Item item) {
        Objects.requireNonNull(item, "item");
        if (items.containsKey(item.id())) {
            throw new IllegalArgumentException("Duplicate item id '" + item.id() + "'.");
        }
        items.put(item.id(), item);
    }

    /** Adds the item unless one with the same id exists; returns whether it was added. */
    public boolean addItemIfAbsent(Item item) {
        return items.putIfAbsent(item.id(), item) == null;
    }

    public Item item(String id) {
        return items.get(id);
    }

    public boolean hasItem(String id) {
        return items.containsKey(id);
    }

    public List<Item> items() {
        return Collections.unmodifiableList(new ArrayList<>(items.values()));
    }

    public List<Item> items(Modality m) {
        return items.values().stream().filter(i -> i.modality() == m).collect(Collectors.toUnmodifiableList());
    }

    /** Adds or replaces a space; every row must name an item of the session. */
    public void putSpace(EmbeddingSet set) {
        for (String id : set.itemIds()) {
            if (!items.containsKey(id)) {
                throw new IllegalArgumentException("Space '" + set.space() + "' names unknown item '" + id + "'.");
            }
        }
        spaces.put(set.space(), set);
    }

    public EmbeddingSet space(String name) {
        return spaces.get(name);
    }

    public Map<String, EmbeddingSet> spaces() {
        return Collections.unmodifiableMap(spaces);
    }

    /** The spaces holding items of one modality. */
    public List<EmbeddingSet> spaces(Modality m) {
        return spaces.values().stream().filter(s -> s.modality() == m).collect(Collectors.toUnmodifiableList());
    }

    public void removeSpace(String name) {
        spaces.remove(name);
    }

    public void putAlignment(LinearMap map) {
        alignments.put(map.name(), map);
    }

    public Map<String, LinearMap> alignments() {
        return Collections.unmodifiableMap(alignments);
    }

    public void putProjection(Projection p) {
        projections.put(p.name(), p);
    }

    public Map<String, Projection> projections() {
        return Collections.unmodifiableMap(projections);
    }

    public Provenance provenance() {
        return provenance;
    }

    public void setProvenance(Provenance p) {
        this.provenance = Objects.requireNonNull(p);
    }

    /**
     * Free-form key/value settings saved with the session (e.g. the view's chosen space or colouring).
     * Keys are namespaced by their owner, e.g. {@code "gui.colourBy"}.
     */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    /** Sets an attribute; a null value removes it. */
    public void putAttribute(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (value == null) attributes.remove(key);
        else attributes.put(key, value);
    }

    /**
     * Keeps the audio of an item whose samples exist nowhere else (a recording made in the window), so that
     * it is saved with the session and can be played and encoded again after the session is opened.
     */
    public void putAudio(String itemId, Audio a) {
        Objects.requireNonNull(a, "audio");
        if (!items.containsKey(itemId)) {
            throw new IllegalArgumentException("Audio for unknown item '" + itemId + "'.");
        }
        audio.put(itemId, a);
    }

    /** The audio kept for an item, or null when it has none (its audio is a file named by its source, or lost). */
    public Audio audio(String itemId) {
        return audio.get(itemId);
    }

    /** The audio kept in the session, by item id, in the order it was added. */
    public Map<String, Audio> audio() {
        return Collections.unmodifiableMap(audio);
    }
}
