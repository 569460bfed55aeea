package com.catwing.cw.erd;

import com.catwing.cw.CwException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grouping rules of erd-groups.json and Graphviz's absence, without a database. */
class ErdGroupsTest {
    private final ErdGroups groups = ErdGroups.standard();

    @Test
    void theShippedRulesPutTablesInTheSeedsGroups() {
        assertEquals("core", groups.groupOf("production", "products"));
        assertEquals("core", groups.groupOf("production", "location_lanes"));
        assertEquals("behaviors", groups.groupOf("production", "product_behaviors"), "before core's product_*");
        assertEquals("behaviors", groups.groupOf("production", "product_location_behaviors"), "not core's location_*");
        assertEquals("orders", groups.groupOf("production", "transfer_order_lines"));
        assertEquals("forecasts", groups.groupOf("production", "transfer_order_recommendation_impacts"),
                "not orders' *_order_* patterns");
        assertEquals("quality", groups.groupOf("production", "data_health_reports"));
        assertEquals("operations", groups.groupOf("production", "flyway_schema_history"));
        assertEquals("operations", groups.groupOf("global", "flyway_schema_history"), "the first rule wins");
        assertEquals("global", groups.groupOf("global", "clients"));
        assertEquals("stats", groups.groupOf("stats", "products_daily"), "the schema decides before the name");
        assertEquals("staging", groups.groupOf("staging", "staging_products"));
    }

    @Test
    void aTableNoRuleMatchesGoesToOther() {
        assertEquals(ErdGroups.OTHER, groups.groupOf("production", "widgets"));
        assertEquals(ErdGroups.OTHER, groups.groupOf("production", "xproducts"), "patterns match the whole name");
        assertTrue(groups.groups().stream().anyMatch(g -> g.key().equals(ErdGroups.OTHER)));
        List<String> keys = groups.groups().stream().map(ErdGroups.Group::key).toList();
        assertEquals(List.of("core", "orders", "behaviors", "forecasts", "quality", "staging", "operations", "global",
                "stats", "other"), keys, "display order");
    }

    @Test
    void aRuleNamingAnUnknownGroupIsRejected() throws Exception {
        var json = new ObjectMapper().readTree("{\"groups\": [{\"key\": \"core\", \"label\": \"Core\"}], "
                + "\"rules\": [{\"group\": \"kore\", \"schema\": \"*\", \"tables\": \".*\"}]}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ErdGroups.parse(json));
        assertTrue(e.getMessage().contains("'kore'"), e.getMessage());
    }

    @Test
    void aMissingGraphvizIsAOneLineErrorThatSaysHowToInstallIt() {
        GraphvizLayout layout = new GraphvizLayout("/nonexistent/dot", null);
        CwException e = assertThrows(CwException.class, () -> layout.run("digraph g { a; }", "test"));
        assertTrue(e.getMessage().contains("is not installed") && e.getMessage().contains("install-deps.sh"),
                e.getMessage());
    }
}
