package io.ept.web.ui;

import io.ept.hierarchy.FabricHierarchy;
import io.ept.hierarchy.HierarchyService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/** The fabric's tenant → VRF → BD → EPG tree with endpoint counts; choosing a node lists its endpoints. */
@Named
@ViewScoped
public class HierarchyView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final int SHOWN = 500;

    @Inject
    FabricContext context;

    @Inject
    HierarchyService hierarchy;

    private String fabric;
    private TreeNode<FabricHierarchy.Node> root;
    private FabricHierarchy.Counts unassigned = FabricHierarchy.Counts.NONE;
    private FabricHierarchy.Node selected;
    private List<Document> endpoints = List.of();
    private long endpointCount;

    @PostConstruct
    void init() {
        fabric = context.getName();
        refresh();
    }

    public void refresh() {
        root = new DefaultTreeNode<>(null, null);
        try {
            FabricHierarchy.Tree tree = hierarchy.tree(fabric);
            unassigned = tree.unassigned();
            for (FabricHierarchy.Node tenant : tree.tenants()) {
                add(root, tenant, true);
            }
        } catch (RuntimeException e) {
            Messages.failure("Reading the hierarchy", e);
        }
    }

    private static void add(TreeNode<FabricHierarchy.Node> parent, FabricHierarchy.Node node, boolean expanded) {
        DefaultTreeNode<FabricHierarchy.Node> tn = new DefaultTreeNode<>(node.level(), node, parent);
        tn.setExpanded(expanded);
        for (FabricHierarchy.Node child : node.children()) {
            add(tn, child, false);
        }
    }

    /** Lists the endpoints below the chosen node (the first {@value #SHOWN}, by address). */
    public void show(FabricHierarchy.Node node) {
        try {
            HierarchyService.EndpointPage page = hierarchy.endpointsBelow(fabric, node.dn(), 0, SHOWN);
            selected = node;
            endpoints = page.rows();
            endpointCount = page.count();
        } catch (RuntimeException e) {
            Messages.failure("Listing endpoints", e);
        }
    }

    public TreeNode<FabricHierarchy.Node> getRoot() {
        return root;
    }

    public FabricHierarchy.Counts getUnassigned() {
        return unassigned;
    }

    public FabricHierarchy.Node getSelected() {
        return selected;
    }

    public List<Document> getEndpoints() {
        return endpoints;
    }

    public long getEndpointCount() {
        return endpointCount;
    }

    public String getFabric() {
        return fabric;
    }
}
