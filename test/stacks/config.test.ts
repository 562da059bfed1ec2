import { dev } from '../../stacks/config/dev';
import { validateEnvironment } from '../../stacks/config/environment';
import { prod } from '../../stacks/config/prod';

describe('environment configs', () => {
  test('the shipped dev and prod configs are valid', () => {
    expect(validateEnvironment(dev)).toBe(dev);
    expect(validateEnvironment(prod)).toBe(prod);
  });

  test.each([
    [{ region: 'useast1' }, 'environment config "dev": region = "useast1" is not an AWS region; use e.g. "us-east-1"'],
    [{ azCount: 1 }, 'environment config "dev": azCount = 1 is below 2; EKS needs at least 2 availability zones'],
    [{ vpcCidr: '10.0.0.0/33' }, 'environment config "dev": vpcCidr = "10.0.0.0/33" is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16'],
    [{ accountId: '1234' }, 'environment config "dev": accountId = "1234" is not a 12-digit AWS account id'],
    [{ preset: 'staging' }, 'environment config "dev": preset = "staging" must be "dev" or "prod"'],
  ])('a bad value names the field: %j', (change, message) => {
    expect(() => validateEnvironment({ ...dev, ...(change as any) })).toThrow(message);
  });
});
