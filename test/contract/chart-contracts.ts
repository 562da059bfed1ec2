/**
 * Which upstream data each pinned chart is checked against. `freeForm` lists value paths the chart's
 * templates read without a default in values.yaml (each with the template that reads it).
 */
import { CHARTS } from '../../src/core/versions';

export interface ChartContract {
  readonly version: string;
  /** Directory under ../shared/upstream/charts; undefined for charts whose values are empty (CRD charts). */
  readonly valuesDir?: string;
  readonly freeForm?: readonly string[];
}

export const CHART_CONTRACTS: Readonly<Record<string, ChartContract>> = {
  [CHARTS.karpenterCrd.chart]: { version: CHARTS.karpenterCrd.version },
  [CHARTS.karpenter.chart]: { version: CHARTS.karpenter.version, valuesDir: 'karpenter' },
  [CHARTS.gpuOperator.chart]: { version: CHARTS.gpuOperator.version, valuesDir: 'gpu-operator' },
  [CHARTS.nvidiaDevicePlugin.chart]: { version: CHARTS.nvidiaDevicePlugin.version, valuesDir: 'nvidia-device-plugin' },
  [CHARTS.dcgmExporter.chart]: { version: CHARTS.dcgmExporter.version, valuesDir: 'dcgm-exporter' },
  [CHARTS.certManager.chart]: { version: CHARTS.certManager.version, valuesDir: 'cert-manager' },
  [CHARTS.kserveCrd.chart]: { version: CHARTS.kserveCrd.version },
  [CHARTS.kserveResources.chart]: { version: CHARTS.kserveResources.version, valuesDir: 'kserve-resources' },
  [CHARTS.kserveRuntimeConfigs.chart]: { version: CHARTS.kserveRuntimeConfigs.version, valuesDir: 'kserve-runtime-configs' },
  [CHARTS.mlflow.chart]: { version: CHARTS.mlflow.version, valuesDir: 'mlflow-community' },
  [CHARTS.feastFeatureServer.chart]: { version: CHARTS.feastFeatureServer.version, valuesDir: 'feast-feature-server' },
  [CHARTS.qdrant.chart]: { version: CHARTS.qdrant.version, valuesDir: 'qdrant' },
  [CHARTS.milvus.chart]: { version: CHARTS.milvus.version, valuesDir: 'milvus' },
  [CHARTS.weaviate.chart]: { version: CHARTS.weaviate.version, valuesDir: 'weaviate' },
  [CHARTS.kubePrometheusStack.chart]: { version: CHARTS.kubePrometheusStack.version, valuesDir: 'kube-prometheus-stack' },
  [CHARTS.keda.chart]: { version: CHARTS.keda.version, valuesDir: 'keda' },
  [CHARTS.externalSecrets.chart]: { version: CHARTS.externalSecrets.version, valuesDir: 'external-secrets' },
};
