// The comparison app of `npm run bench -- --compare`: the CDK EKS Blueprints 1.19 GPU cluster
// (GpuBuilder: VPC, EKS 1.31, a g5.xlarge managed node group, and the add-ons listed below),
// synthesized to CloudFormation in one process, the way `cdk synth` runs an app. Plain JavaScript,
// so the measured time is node + aws-cdk-lib + eks-blueprints only (no ts-node).
// Run: `node bench/blueprints-gpu/app.js` after `npm ci --prefix bench` (see bench/README.md).
const fs = require('fs');
const os = require('os');
const path = require('path');
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const eks = require('aws-cdk-lib/aws-eks');
const blueprints = require('@aws-quickstart/eks-blueprints');

async function main() {
  const outdir = process.env.CDK_OUTDIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'blueprints-gpu-'));
  const app = new cdk.App({ outdir });
  const stack = await blueprints.GpuBuilder.builder({
    kubernetesVersion: eks.KubernetesVersion.of('1.31'),
    instanceClass: ec2.InstanceClass.G5,
    instanceSize: ec2.InstanceSize.XLARGE,
  })
    .account('123456789012')
    .region('us-east-1')
    // What GpuBuilder.enableGpu() adds, with the EKS add-on versions pinned so that synth makes no AWS
    // API call (with version "auto" each core add-on asks the EKS API, which needs credentials).
    .addOns(
      new blueprints.addons.AwsLoadBalancerControllerAddOn(),
      new blueprints.addons.CertManagerAddOn(),
      new blueprints.addons.CoreDnsAddOn('v1.11.4-eksbuild.2'),
      new blueprints.addons.KubeProxyAddOn('v1.31.3-eksbuild.2'),
      new blueprints.addons.VpcCniAddOn({ version: 'v1.19.2-eksbuild.1' }),
      new blueprints.addons.GpuOperatorAddon({ values: { driver: { enabled: true }, mig: { strategy: 'mixed' } } }),
      // Closer to what one cdktf-mlops stack set holds: Karpenter, EBS CSI, Pod Identity, KEDA, ESO.
      new blueprints.addons.EksPodIdentityAgentAddOn('v1.3.4-eksbuild.1'),
      new blueprints.addons.EbsCsiDriverAddOn({ version: 'v1.38.1-eksbuild.1' }),
      new blueprints.addons.KarpenterAddOn({ interruptionHandling: true }),
      new blueprints.addons.ExternalsSecretsAddOn(),
      new blueprints.addons.KedaAddOn(),
    )
    .buildAsync(app, 'blueprints-gpu');
  const assembly = app.synth();
  if (process.env.BENCH_REPORT) {
    // For the benchmark: resource count of every CloudFormation template written (nested stacks included).
    let resources = 0;
    for (const file of fs.readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json'))) {
      resources += Object.keys(JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8')).Resources ?? {}).length;
    }
    process.stdout.write(JSON.stringify({ stacks: assembly.stacks.length, resources, stack: stack.stackName }) + '\n');
  }
  if (!process.env.CDK_OUTDIR) fs.rmSync(outdir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
